using Upstream.Events.Hosting;

await EventsApp.Build(args).RunAsync();
