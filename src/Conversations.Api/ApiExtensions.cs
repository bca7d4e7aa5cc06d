using System.Text.Json.Serialization;
using Conversations.Api.Admin;
using Conversations.Api.Admission;
using Conversations.Api.Auth;
using Conversations.Api.Console;
using Conversations.Api.Demo;
using Conversations.Api.Errors;
using Conversations.Api.Network;
using Conversations.Api.Operators;
using Conversations.Api.Outbound;
using Conversations.Api.Platform;
using Conversations.Api.Reports;
using Conversations.Api.Validation;
using Conversations.Bot.Http;
using Conversations.Channels;
using Conversations.Channels.Email;
using Conversations.Channels.Meta.Messenger;
using Conversations.Channels.Meta.WhatsApp;
using Conversations.Channels.Outbound;
using Conversations.Channels.Telegram;
using Conversations.Channels.Viber;
using Conversations.Channels.Vk;
using Conversations.Channels.Widget;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversations.Api;

/// <summary>Registers and maps the HTTP side of a silo: channels' endpoints and the APIs.</summary>
public static class ApiExtensions
{
    /// <summary>Channels (Telegram, widget, delivery), the APIs, OpenAPI and error handling.</summary>
    public static IServiceCollection AddConversationsApi(this IServiceCollection services, bool seedDemo)
    {
        services.AddExceptionHandler<DomainExceptionHandler>();

        // Problem documents in JSON for every request: the framework's writer for clients that accept JSON, ours for the rest.
        services.AddProblemDetails();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>());
        services.AddConversationsAuth();
        services.AddTrustedProxies();
        services.AddSingleton<ChannelAdministration>();
        services.AddSingleton<InboxRows>();
        services.AddSingleton<EventsOut.WebhookTester>();
        services.AddSingleton<ClusterChanges>();
        services.AddSingleton<Operators.Import.CustomerImporter>();
        services.AddHostedService<Operators.Import.CustomerImportApplier>();
        services.AddSingleton<Conversations.Api.Media.MediaThumbnails>();
        services.AddTransient<OperatorFeedSession>();
        services.AddHostedService<TokenWarmUp>();
        services.ConfigureHttpJsonOptions(json =>
        {
            // Enum values by name only: a number or an undefined value is refused, never stored.
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            json.SerializerOptions.AllowOutOfOrderMetadataProperties = true;
        });
        // A body or parameter that cannot be bound reaches the exception handler, which names the field and the reason
        // (instead of a bare 400 from the framework).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi(options => options.AddTooManyRequestsResponses());
        services.AddChannelDelivery();
        services.AddTelegramChannel();
        services.AddWidgetChannel();
        services.AddVkChannel();
        services.AddWhatsAppChannel();
        services.AddMessengerChannels();
        services.AddViberChannel();
        services.AddEmailChannel();
        // Scenario HTTP steps call tenant-configured URLs: the same outbound policy as webhooks.
        services.AddHttpClient<IScenarioHttpClient, HttpClientScenarioHttpClient>().UseOutboundUrlPolicy();
        if (seedDemo)
        {
            // The demo scenario calls the demo CRM on this very process (a loopback address); demo mode is for a
            // developer's machine, never a deployment.
            services.PostConfigure<OutboundOptions>(o => o.AllowedNetworks.AddRange(["127.0.0.0/8", "::1/128"]));
            services.AddSingleton<DemoMode>();
            services.AddHostedService<DemoSeeder>();
        }

        return services;
    }

    /// <summary>Maps webhooks, the widget, the APIs and the OpenAPI document (<c>/openapi/v1.json</c>); the demo CRM only when the demo tenant is seeded.</summary>
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();

        // Every API endpoint refuses a body beyond its contract's limits (FieldLimits) before its handler runs.
        var api = app.MapGroup("");
        api.AddEndpointFilterFactory(ContractValidationFilter.Create);
        // A tenant's API calls are admitted within its plan (429 + Retry-After beyond it).
        api.AddEndpointFilter<TenantApiAdmissionFilter>();
        api.MapTelegramWebhooks();
        api.MapWidget();
        api.MapVkWebhooks();
        api.MapWhatsAppWebhooks();
        api.MapMessengerWebhooks();
        api.MapViberWebhooks();
        api.MapEmailWebhooks();
        api.MapPlatformApi();
        api.MapAuthApi();
        api.MapConversationApi();
        api.MapSearchApi();
        api.MapCustomerApi();
        api.MapCustomerMergeApi();
        api.MapCustomerProfileApi();
        api.MapContinueLinkApi();
        Operators.Import.CustomerImportEndpoints.MapCustomerImportApi(api);
        api.MapMediaApi();
        api.MapOriginalMailApi();
        api.MapFeedApi();
        api.MapAdminApi();
        api.MapWhatsAppTemplateApi();
        api.MapBotApi();
        api.MapBusinessMessageApi();
        api.MapScheduledMessageApi();
        api.MapCampaignApi();
        api.MapSubscriptionApi();
        api.MapCustomerEventApi();
        EventsOut.WebhookSubscriptionEndpoints.MapWebhookSubscriptionApi(api);
        api.MapReportApi();
        if (app.ServiceProvider.GetService<DemoMode>() is not null)
        {
            app.MapDemoCrm(); // the sample scenario's stand-in CRM exists only beside the demo tenant
        }

        app.MapConsole();
        return app;
    }
}
