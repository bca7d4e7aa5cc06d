namespace Conversations.Channels.Notifications;

/// <summary>The SMTP server for e-mail notifications to businesses (section <c>Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>Server host; empty disables e-mail (notifications then fail with that reason, visibly).</summary>
    public string? Host { get; set; }

    /// <summary>Server port.</summary>
    public int Port { get; set; } = 25;

    /// <summary>Use implicit TLS (port 465); otherwise STARTTLS is used when the server offers it.</summary>
    public bool UseSsl { get; set; }

    /// <summary>Login, if the server needs one.</summary>
    public string? Username { get; set; }

    /// <summary>Password, if the server needs one.</summary>
    public string? Password { get; set; }

    /// <summary>Sender address.</summary>
    public string From { get; set; } = "conversations@localhost";
}
