using System.Text.Json;
using System.Xml.Linq;

namespace Conversations.Deploy.Tests;

public sealed class DockerfileTests
{
    private const string HostProject = "src/Conversations.Host/Conversations.Host.csproj";

    private readonly Dockerfile _dockerfile = Dockerfile.Load(RepositoryPaths.Dockerfile);

    private DockerStage Build => Assert.Single(_dockerfile.Stages, stage => stage.All("RUN").Any(run => run.Arguments.Contains("dotnet publish", StringComparison.Ordinal)));

    [Fact]
    public void Builds_on_the_sdk_and_runs_on_the_aspnet_runtime_of_the_repository_dotnet_version()
    {
        using var globalJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "global.json")));
        var sdk = Version.Parse(globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString()!);
        var channel = $"{sdk.Major}.{sdk.Minor}";

        Assert.True(_dockerfile.Stages.Count >= 2, "The image must be built in stages: an SDK stage and a runtime stage.");
        Assert.Equal($"mcr.microsoft.com/dotnet/sdk:{channel}", Build.Image);
        Assert.Equal($"mcr.microsoft.com/dotnet/aspnet:{channel}", _dockerfile.Final.Image);
    }

    [Fact]
    public void The_final_stage_copies_only_the_publish_output_of_the_build_stage()
    {
        var publish = Assert.Single(Build.All("RUN"), run => run.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var words = publish.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var outputIndex = Array.FindIndex(words, word => word is "--output" or "-o");
        Assert.True(outputIndex >= 0, "dotnet publish must name its --output folder.");
        Assert.Contains("--configuration Release", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains(HostProject, publish.Arguments, StringComparison.Ordinal);

        var copy = Assert.Single(_dockerfile.Final.All("COPY"));
        Assert.Equal(Build.Name, copy.Flags["from"]);
        Assert.Equal(words[outputIndex + 1].TrimEnd('/'), copy.Operands[0].TrimEnd('/'));
        Assert.DoesNotContain(_dockerfile.Final.Instructions, i => i.Keyword == "ADD");
    }

    [Fact]
    public void The_container_runs_as_a_non_root_user()
    {
        var user = _dockerfile.Final.Last("USER");

        Assert.NotNull(user);
        var name = user.Arguments.Split(':')[0].Trim();
        Assert.DoesNotContain(name, new[] { "root", "0" });
        Assert.True(
            name is "$APP_UID" or "${APP_UID}" || (int.TryParse(name, out var uid) && uid > 0),
            $"USER {name}: use $APP_UID (the .NET images' non-root user) or a numeric uid, so Kubernetes can check runAsNonRoot.");
    }

    [Fact]
    public void The_entrypoint_runs_the_published_host()
    {
        var entrypoint = _dockerfile.Final.Last("ENTRYPOINT");
        Assert.NotNull(entrypoint);
        var command = entrypoint.ExecForm();

        Assert.Equal(2, command.Count);
        Assert.Equal("dotnet", command[0]);
        Assert.Equal($"/app/{HostAssemblyName()}.dll", Resolve(_dockerfile.Final.WorkdirAt(entrypoint), command[1]));
        var copy = Assert.Single(_dockerfile.Final.All("COPY"));
        Assert.Equal("/app", Resolve(_dockerfile.Final.WorkdirAt(copy), copy.Operands[^1]).TrimEnd('/'));
    }

    [Fact]
    public void The_health_check_runs_the_host_healthcheck_command()
    {
        var healthcheck = _dockerfile.Final.Last("HEALTHCHECK");
        Assert.NotNull(healthcheck);

        var operands = healthcheck.Operands;
        Assert.Equal("CMD", operands[0]);
        var command = JsonSerializer.Deserialize<string[]>(string.Join(' ', operands.Skip(1)))!;
        Assert.Equal(["dotnet", $"/app/{HostAssemblyName()}.dll", "healthcheck"], command);
    }

    [Fact]
    public void The_container_listens_on_8080_and_exposes_the_silo_and_gateway_ports()
    {
        var environment = FinalEnvironment();

        Assert.Equal("http://+:8080", environment["ASPNETCORE_URLS"]);
        // appsettings.json sets Urls, which wins over ASPNETCORE_URLS; the Urls variable wins over both.
        Assert.Equal("http://+:8080", environment["Urls"]);
        var exposed = _dockerfile.Final.All("EXPOSE").SelectMany(e => e.Operands).Select(port => port.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(exposed, new HashSet<string>(["8080", "11111", "30000"], StringComparer.Ordinal));
    }

    [Fact]
    public void No_secret_is_baked_into_the_image()
    {
        var names = FinalEnvironment().Keys.Concat(_dockerfile.Stages.SelectMany(s => s.All("ARG")).Select(a => a.Arguments.Split('=')[0]));

        Assert.DoesNotContain(names, name =>
            name.Contains("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Key", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Password", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Token", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_copied_path_exists_and_is_in_the_build_context()
    {
        var ignore = DockerIgnore.Load(RepositoryPaths.DockerIgnore);
        var copies = _dockerfile.Stages.SelectMany(stage => stage.All("COPY").Concat(stage.All("ADD"))).Where(copy => !copy.Flags.ContainsKey("from")).ToList();
        Assert.NotEmpty(copies);

        foreach (var source in copies.SelectMany(copy => copy.Operands.SkipLast(1)))
        {
            var path = Path.Combine(RepositoryPaths.Root, source);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: no such file or folder in the repository.");
            Assert.False(ignore.IsExcluded(source), $"COPY {source}: .dockerignore leaves it out of the build context.");
        }
    }

    [Fact]
    public void Restore_runs_after_copying_only_the_build_settings_and_every_project_the_host_builds_from()
    {
        var restore = Assert.Single(Build.All("RUN"), run => run.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var before = Build.Instructions.TakeWhile(i => i != restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Operands.SkipLast(1)).ToHashSet(StringComparer.Ordinal);

        var needed = ProjectClosure(HostProject).Concat(["global.json", "Directory.Build.props", "Directory.Packages.props"]);
        foreach (var file in needed)
        {
            Assert.True(before.Contains(file), $"{file} must be copied before `dotnet restore` (the restore layer), or restore misses it.");
        }

        Assert.All(before, file => Assert.True(
            file.EndsWith(".csproj", StringComparison.Ordinal) || file.EndsWith(".props", StringComparison.Ordinal) || file == "global.json",
            $"COPY {file} before restore: only project and build-settings files belong in the restore layer, or every source change invalidates it."));
        Assert.Contains(HostProject, restore.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_publish_step_sees_the_analyzer_settings_the_build_treats_as_errors()
    {
        var publish = Assert.Single(Build.All("RUN"), run => run.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var before = Build.Instructions.TakeWhile(i => i != publish).Where(i => i.Keyword == "COPY").SelectMany(i => i.Operands.SkipLast(1)).ToList();

        Assert.Contains(".editorconfig", before);
        Assert.Contains(before, source => source.TrimEnd('/') == "src");
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_tests_and_git()
    {
        var ignore = DockerIgnore.Load(RepositoryPaths.DockerIgnore);

        Assert.True(ignore.IsExcluded("src/Conversations.Host/bin/Release/net10.0/Conversations.Host.dll"));
        Assert.True(ignore.IsExcluded("src/Conversations.Grains/obj/project.assets.json"));
        Assert.True(ignore.IsExcluded("tests/Conversations.Deploy.Tests/DockerfileTests.cs"));
        Assert.True(ignore.IsExcluded(".git/HEAD"));
        Assert.False(ignore.IsExcluded("src/Conversations.Host/Program.cs"));
        Assert.False(ignore.IsExcluded("src/Conversations.Persistence/Migrations/Conversations/0001_initial.sql"));
    }

    private static string HostAssemblyName() =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, HostProject)).Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault()
        ?? Path.GetFileNameWithoutExtension(HostProject);

    /// <summary>The project and every project it references, directly or not, as repository-relative paths.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!found.Add(current))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(Path.Combine(RepositoryPaths.Root, current))!;
            foreach (var reference in XDocument.Load(Path.Combine(RepositoryPaths.Root, current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepositoryPaths.Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }

    private Dictionary<string, string> FinalEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in _dockerfile.Final.All("ENV"))
        {
            foreach (var pair in env.Operands)
            {
                var parts = pair.Split('=', 2);
                environment[parts[0]] = parts.Length > 1 ? parts[1].Trim('"') : string.Empty;
            }
        }

        return environment;
    }

    /// <summary>An absolute path for a path in an instruction, given the WORKDIR in effect.</summary>
    private static string Resolve(string workdir, string path)
    {
        if (path.StartsWith('/'))
        {
            return path;
        }

        var relative = path is "." or "./" ? string.Empty : path;
        return (workdir.TrimEnd('/') + "/" + relative).TrimEnd('/');
    }
}
