using Upstream.Grpc.InteropServer;

// Usage: Upstream.Grpc.InteropServer --port N   (N = 0 picks a free port). Prints "ready on port N" when serving.
var app = InteropServerHost.Build(args, InteropServerHost.PortFrom(args));
await app.StartAsync();
Console.WriteLine($"ready on port {InteropServerHost.BoundPort(app)}");
await app.WaitForShutdownAsync();
