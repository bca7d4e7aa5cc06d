using Conversations.Cli;

return await CliApp.RunAsync(args, CliEnvironment.ForProcess());
