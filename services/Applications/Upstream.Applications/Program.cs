using Upstream.Applications.Hosting;

await ApplicationsApp.Build(args).RunAsync();
