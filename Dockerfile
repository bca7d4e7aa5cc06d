# syntax=docker/dockerfile:1
# The Conversations silo: build with the .NET SDK, run on the ASP.NET Core runtime image.
#
#   docker build -t conversations .
#   docker run -p 8080:8080 -e ConnectionStrings__Postgres="Host=...;Database=conversations;..." conversations
#
# Configured by environment variables only (ASP.NET Core configuration, "__" between sections):
# ConnectionStrings__Postgres, Orleans__ClusterId, Orleans__ServiceId, Orleans__SiloPort,
# Orleans__GatewayPort, Orleans__AdvertisedAddress, Orleans__Kubernetes, OTEL_EXPORTER_OTLP_ENDPOINT...
# Without ConnectionStrings__Postgres the silo runs embedded (in-memory, single silo).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Restore first, from the project files and the build settings only, so the package layer is
# reused until a project file or a package version changes. Every project the host references,
# directly or not, must be listed here (tests/Conversations.Deploy.Tests checks it).
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Conversations.Abstractions/Conversations.Abstractions.csproj src/Conversations.Abstractions/
COPY src/Conversations.Persistence/Conversations.Persistence.csproj src/Conversations.Persistence/
COPY src/Conversations.Grains/Conversations.Grains.csproj src/Conversations.Grains/
COPY src/Conversations.ServiceDefaults/Conversations.ServiceDefaults.csproj src/Conversations.ServiceDefaults/
COPY src/Conversations.Channels/Conversations.Channels.csproj src/Conversations.Channels/
COPY src/Conversations.Channels.Telegram/Conversations.Channels.Telegram.csproj src/Conversations.Channels.Telegram/
COPY src/Conversations.Channels.Widget/Conversations.Channels.Widget.csproj src/Conversations.Channels.Widget/
COPY src/Conversations.Channels.Vk/Conversations.Channels.Vk.csproj src/Conversations.Channels.Vk/
COPY src/Conversations.Channels.Viber/Conversations.Channels.Viber.csproj src/Conversations.Channels.Viber/
COPY src/Conversations.Channels.Meta/Conversations.Channels.Meta.csproj src/Conversations.Channels.Meta/
COPY src/Conversations.Channels.Email/Conversations.Channels.Email.csproj src/Conversations.Channels.Email/
COPY src/Conversations.Api.Contracts/Conversations.Api.Contracts.csproj src/Conversations.Api.Contracts/
COPY src/Conversations.Api/Conversations.Api.csproj src/Conversations.Api/
COPY src/Conversations.Bot/Conversations.Bot.csproj src/Conversations.Bot/
COPY src/Conversations.Host/Conversations.Host.csproj src/Conversations.Host/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/Conversations.Host/Conversations.Host.csproj

# .editorconfig sets the analyzer severities the build (warnings as errors) relies on.
COPY .editorconfig ./
COPY src/ src/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Conversations.Host/Conversations.Host.csproj \
      --configuration Release --no-restore --output /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Only the published application; owned by root, so the app user cannot change it.
COPY --from=build /app/publish .

# Local runs get their URL from launchSettings.json (dotnet run); in the container it is 8080.
ENV ASPNETCORE_URLS=http://+:8080 \
    Urls=http://+:8080
# HTTP (API, webhooks, health, metrics), silo-to-silo, Orleans gateway.
EXPOSE 8080 11111 30000

# APP_UID (1654) is the non-root user the .NET images define.
USER $APP_UID

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["dotnet", "/app/Conversations.Host.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "/app/Conversations.Host.dll"]
