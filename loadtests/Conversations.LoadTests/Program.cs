using Conversations.LoadTests;

// Usage:
//   store --postgres "<connection string>" [--writers 256] [--seconds 15] [--loops 2] [--batch 256] [--json path]
var options = Arguments.Parse(args);
switch (options.Command)
{
    case "store":
        var connection = options.Get("postgres") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("store: give --postgres \"Host=...;Database=bench;Username=postgres\" (loadtests/store-benchmark.sh starts a local server for you).");
            return 2;
        }

        return await StoreBenchmark.RunAsync(connection, options.GetInt("writers", 256), TimeSpan.FromSeconds(options.GetInt("seconds", 15)), options.Get("json"),
            new Conversations.Persistence.Postgres.BatchWriterOptions { Writers = options.GetInt("loops", 2), MaxBatchSize = options.GetInt("batch", 256) });
    default:
        Console.Error.WriteLine("Commands: store. Example: dotnet run -c Release --project loadtests/Conversations.LoadTests -- store --postgres \"...\"");
        return 2;
}
