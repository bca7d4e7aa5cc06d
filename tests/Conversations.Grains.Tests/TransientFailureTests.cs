using System.Net.Sockets;
using Conversations.Abstractions.Common;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace Conversations.Grains.Tests;

/// <summary>Which failures are worth retrying: the cluster changing or the database briefly away, told apart by type.</summary>
public sealed class TransientFailureTests
{
    [Theory]
    [InlineData("57P01")] // admin shutdown (a restart)
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // cannot connect now (starting or shutting down)
    [InlineData("53300")] // too many connections
    [InlineData("08006")] // connection failure
    public void A_database_that_is_restarting_or_out_of_resources_is_transient(string sqlState) =>
        Assert.True(TransientFailure.Is(new PostgresException("away", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void A_broken_connection_to_the_database_is_transient() =>
        Assert.True(TransientFailure.Is(new NpgsqlException("Exception while reading from stream", new SocketException((int)SocketError.ConnectionReset))));

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("42P01")] // undefined table
    [InlineData("22P02")] // invalid text representation
    public void A_statement_the_database_refuses_is_not_transient(string sqlState) =>
        Assert.False(TransientFailure.Is(new PostgresException("refused", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void The_cluster_changing_under_a_call_is_transient()
    {
        Assert.True(TransientFailure.Is(new SiloUnavailableException("silo left")));
        Assert.True(TransientFailure.Is(new TimeoutException("no answer")));
        Assert.True(TransientFailure.Is(new InconsistentStateException("Version conflict (WriteState)", "12", "11")));
    }

    [Fact]
    public void A_grain_whose_storage_failed_on_the_database_is_transient_whatever_the_wrapper_says()
    {
        var database = new PostgresException("relation is locked", "ERROR", "ERROR", "55P03");
        Assert.True(TransientFailure.Is(new OrleansException("Storage failed", database)));
        Assert.True(TransientFailure.Is(new OrleansException("Error from storage provider AdoNetGrainStorage.customer during ReadStateAsync")));
    }

    [Fact]
    public void A_failure_found_deep_in_the_chain_counts()
    {
        var deep = new InvalidOperationException("outer", new AggregateException(new SiloUnavailableException("silo left")));
        Assert.True(TransientFailure.Is(deep));
    }

    [Fact]
    public void Bugs_rule_violations_and_other_orleans_failures_are_not_transient()
    {
        Assert.False(TransientFailure.Is(new InvalidOperationException("Sequence contains no elements")));
        Assert.False(TransientFailure.Is(DomainException.Conflict("The chat is taken.")));
        Assert.False(TransientFailure.Is(new OrleansException("Some other Orleans failure")));
        Assert.False(TransientFailure.Is(new OrleansException("Storage failed", new InvalidOperationException("corrupt state"))));
        Assert.False(TransientFailure.Is(new CodecNotFoundException("Could not find a codec for type MyApp.Thing.")));
    }
}
