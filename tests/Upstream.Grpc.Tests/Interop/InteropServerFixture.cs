using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Upstream.Grpc.InteropServer;

namespace Upstream.Grpc.Tests.Interop;

/// <summary>
/// The interop server, in-process on a free loopback port, once per test class; plus the grpc.testing descriptors
/// (from our protos) written where the Python client can build its message classes from them.
/// </summary>
public sealed class InteropServerFixture : IAsyncLifetime
{
    private WebApplication? app;

    public int Port { get; private set; }

    public string DescriptorSetPath { get; } = Path.Combine(Path.GetTempPath(), $"upstream-grpc-testing-{Guid.NewGuid():N}.pb");

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public async Task InitializeAsync()
    {
        app = InteropServerHost.Build([], port: 0);
        await app.StartAsync();
        Port = InteropServerHost.BoundPort(app);
        await File.WriteAllBytesAsync(DescriptorSetPath, DescriptorSet(global::Grpc.Testing.TestReflection.Descriptor).ToByteArray());
    }

    public async Task DisposeAsync()
    {
        File.Delete(DescriptorSetPath);
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A file and everything it imports, dependencies first (the order a descriptor pool needs).</summary>
    private static FileDescriptorSet DescriptorSet(FileDescriptor file)
    {
        var set = new FileDescriptorSet();
        var seen = new HashSet<string>();
        Add(file);
        return set;

        void Add(FileDescriptor current)
        {
            if (!seen.Add(current.Name))
            {
                return;
            }

            foreach (var dependency in current.Dependencies)
            {
                Add(dependency);
            }

            set.File.Add(FileDescriptorProto.Parser.ParseFrom(current.SerializedData));
        }
    }
}
