using Upstream.Gateway.Hosting;

await GatewayApplication.Build(args).RunAsync();
