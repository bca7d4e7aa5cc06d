namespace Conversations.Grains.Tests;

/// <summary>A grain method that fails its first calls as a grain on a leaving silo would (no answer), then works.</summary>
internal sealed class FlakyGrainCallFilter(Type grainInterface, string method, int failures) : IIncomingGrainCallFilter
{
    private int _calls;
    private int _completed;

    /// <summary>Calls of the method so far, refused or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Calls of the method that ran to completion.</summary>
    public int Completed => Volatile.Read(ref _completed);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType != grainInterface || context.InterfaceMethod.Name != method)
        {
            await context.Invoke();
            return;
        }

        if (Interlocked.Increment(ref _calls) <= failures)
        {
            throw new TimeoutException($"{grainInterface.Name}.{method} did not answer.");
        }

        await context.Invoke();
        Interlocked.Increment(ref _completed);
    }
}
