using Grpc.Core;

namespace Upstream.Integration.Tests.Network;

internal static class Refusal
{
    /// <summary>The call fails with <paramref name="expected"/>; returns the failure for a closer look at what it says.</summary>
    public static async Task<RpcException> Of<T>(StatusCode expected, AsyncUnaryCall<T> call)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(expected, refused.StatusCode);
        return refused;
    }
}
