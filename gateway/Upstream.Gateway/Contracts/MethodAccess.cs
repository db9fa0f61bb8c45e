using Google.Protobuf.Reflection;
using Upstream.Api.V1;

namespace Upstream.Gateway.Contracts;

/// <summary>Access as the proto declares it: a method is public only if it carries (upstream.api.v1.anonymous) = true.</summary>
public static class MethodAccess
{
    public static bool IsAnonymous(MethodDescriptor method) => method.GetOptions()?.GetExtension(AccessExtensions.Anonymous) ?? false;
}
