using Upstream.Grants.Hosting;

await GrantsApp.Build(args).RunAsync();
