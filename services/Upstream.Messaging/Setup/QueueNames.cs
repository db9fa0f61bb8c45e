using System.Text;

namespace Upstream.Messaging.Setup;

/// <summary>Queue names in RabbitMQ's usual kebab case: "network" + "WelcomeCouncil" is "network-welcome-council".</summary>
internal static class QueueNames
{
    public static string For(string serviceName, string consumerName) => $"{Kebab(serviceName)}-{Kebab(consumerName)}";

    public static string Kebab(string name)
    {
        var kebab = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && kebab.Length > 0 && kebab[^1] != '-')
            {
                kebab.Append('-');
            }

            kebab.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        return kebab.ToString().Trim('-');
    }
}
