using Upstream.Insights.Hosting;

await InsightsApp.Build(args).RunAsync();
