using Upstream.Network.Hosting;

await NetworkApp.Build(args).RunAsync();
