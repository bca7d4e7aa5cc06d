namespace Conversations.Api.Demo;

/// <summary>
/// Registered when the demo tenant is seeded (embedded mode, or <c>Conversations:SeedDemo</c>): the demo's stand-ins,
/// such as the CRM of <see cref="DemoCrmEndpoints"/>, are mapped only then, never in a production deployment.
/// </summary>
public sealed class DemoMode;
