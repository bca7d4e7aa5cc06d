using Conversations.LoadTests;

// Usage:
//   store --postgres "<connection string>" [--writers 256] [--seconds 15] [--loops 2] [--batch 256] [--json path]
//   faq-eval [--threshold 0.5]
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
    case "faq-eval":
        // The FAQ matcher on the labelled set shipped with the bot library: precision when it answers, the share of
        // out-of-scope questions it hands over, and a threshold sweep.
        var threshold = double.Parse(options.Get("threshold") ?? "0.5", System.Globalization.CultureInfo.InvariantCulture);
        var report = Conversations.Bot.Faq.FaqEvaluation.Run(
            Conversations.Bot.Faq.SampleKnowledgeBase.LoadShopEntries(), Conversations.Bot.Faq.SampleKnowledgeBase.LoadShopQuestions(), threshold);
        Console.WriteLine(report.ToConsoleReport());
        return 0;
    default:
        Console.Error.WriteLine("Commands: store, faq-eval. Example: dotnet run -c Release --project loadtests/Conversations.LoadTests -- faq-eval --threshold 0.5");
        return 2;
}
