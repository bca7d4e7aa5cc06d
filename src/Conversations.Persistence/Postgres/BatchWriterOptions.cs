namespace Conversations.Persistence.Postgres;

/// <summary>Tuning of the group-commit writer.</summary>
public sealed class BatchWriterOptions
{
    /// <summary>Most commits in one database transaction.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Transactions in flight at once (each on its own connection).</summary>
    public int Writers { get; set; } = 2;

    /// <summary>How long a batch keeps retrying while the database is unreachable before its callers get an error.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromSeconds(10);
}
