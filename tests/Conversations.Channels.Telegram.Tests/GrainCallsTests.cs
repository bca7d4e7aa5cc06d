using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Grains.Channels;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>Which failures a webhook answers with 503 (the messenger retries) instead of 500.</summary>
public sealed class GrainCallsTests
{
    [Fact]
    public void A_grain_that_could_not_read_its_state_while_the_database_restarts_is_transient()
    {
        var restarting = new PostgresException("the database system is shutting down", "FATAL", "FATAL", "57P03");
        var storage = new OrleansException("Error from storage provider AdoNetGrainStorage.account during ReadStateAsync for grain channelaccount/1:42", restarting);

        Assert.True(GrainCalls.IsTransient(storage));
        Assert.True(GrainCalls.IsTransient(new OrleansException("Error from storage provider AdoNetGrainStorage.customer during ReadStateAsync")));
    }

    [Fact]
    public void A_database_error_that_could_not_cross_from_another_silo_is_transient()
    {
        Assert.True(GrainCalls.IsTransient(new CodecNotFoundException("Could not find a codec for type Npgsql.PostgresException.")));
    }

    [Fact]
    public void A_state_write_that_lost_the_etag_race_is_transient()
    {
        Assert.True(GrainCalls.IsTransient(new Orleans.Storage.InconsistentStateException("Version conflict (WriteState)", "12", "11")));
    }

    [Fact]
    public void Bugs_and_rule_violations_are_not_transient()
    {
        Assert.False(GrainCalls.IsTransient(new InvalidOperationException("Sequence contains no elements")));
        Assert.False(GrainCalls.IsTransient(new DomainException(DomainErrorCode.RuleViolation, "The 24-hour window has closed.")));
        Assert.False(GrainCalls.IsTransient(new OrleansException("Some other Orleans failure")));
        Assert.False(GrainCalls.IsTransient(new CodecNotFoundException("Could not find a codec for type MyApp.Thing.")));
        Assert.False(GrainCalls.IsTransient(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
    }
}
