using Upstream.Hosting.Processes;

namespace Upstream.Benchmarks.Gateway;

/// <summary>Debian's nginx as the reference gRPC proxy: grpc_pass to the same backend, pooled upstream connections.</summary>
public static class Nginx
{
    public static async Task<ChildProcess> StartAsync(int port, int backendPort)
    {
        var prefix = Directory.CreateTempSubdirectory("upstream-bench-nginx-").FullName;
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes auto;
            pid {{prefix}}/nginx.pid;
            error_log stderr warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                upstream backend { server 127.0.0.1:{{backendPort}}; keepalive 64; keepalive_requests 100000000; }
                server {
                    listen 127.0.0.1:{{port}} http2;
                    keepalive_requests 100000000;
                    http2_max_concurrent_streams 256;
                    location / { grpc_pass grpc://backend; }
                }
            }
            """);
        var nginx = ChildProcess.Start(new ChildProcessSpec("nginx", ["-p", prefix, "-c", config]));
        await Task.Delay(TimeSpan.FromSeconds(1));
        return nginx.HasExited ? throw new InvalidOperationException($"nginx did not start: {string.Join('\n', nginx.RecentOutput)}") : nginx;
    }
}
