using System.Text.Json;
using Conversations.Client;

namespace Conversations.Cli.Credentials;

/// <summary>
/// The credentials file: <c>$XDG_CONFIG_HOME/conversations/credentials.json</c> (or <c>~/.config/...</c>), readable by
/// its owner only, since it holds a bearer token.
/// </summary>
internal sealed class CredentialStore(CliEnvironment environment)
{
    /// <summary>The file's path.</summary>
    public string Path => System.IO.Path.Combine(Directory, "credentials.json");

    private string Directory
    {
        get
        {
            var config = environment.Variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : System.IO.Path.Combine(environment.Variable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return System.IO.Path.Combine(config, "conversations");
        }
    }

    /// <summary>The saved credentials, or null when there are none.</summary>
    public StoredCredentials? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StoredCredentials>(File.ReadAllText(Path), ClientJson.Options);
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Auth, $"The credentials file {Path} is damaged ({ex.Message}): run `conversations logout`, then log in again.");
        }
    }

    /// <summary>Saves <paramref name="credentials"/>, replacing the file whole.</summary>
    public void Save(StoredCredentials credentials)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        System.IO.Directory.CreateDirectory(directory);
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, credentials, ClientJson.Options);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies to new files only; a leftover temporary file keeps its old mode otherwise.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>Forgets the credentials; false when there were none.</summary>
    public bool Delete()
    {
        if (!File.Exists(Path))
        {
            return false;
        }

        File.Delete(Path);
        return true;
    }
}
