using Upstream.Deploy.Model;

namespace Upstream.Deploy.Tests;

/// <summary>How a value of Aspire's manifest becomes a pod's setting, one case per kind of reference.</summary>
public sealed class ExpressionTranslatorTests
{
    private static readonly ExpressionTranslator Translator = new(
        ["applicationsdb", "signing-key"],
        new Dictionary<string, IReadOnlyDictionary<string, int>> { ["applications"] = new Dictionary<string, int> { ["http"] = 5101, ["grpc"] = 5102 } });

    [Fact]
    public void A_whole_connection_string_or_parameter_becomes_a_reference_to_the_secret()
    {
        Assert.Equal(Setting.FromSecret("ConnectionStrings__applicationsdb", "applicationsdb"), Translator.Translate("ConnectionStrings__applicationsdb", "{applicationsdb.connectionString}"));
        Assert.Equal(Setting.FromSecret("Authentication__SigningKey", "signing-key"), Translator.Translate("Authentication__SigningKey", "{signing-key.value}"));
    }

    [Fact]
    public void Endpoints_become_the_kubernetes_services_address_and_ports()
    {
        Assert.Equal(Setting.Plain("services__applications__grpc__0", "http://applications:5102"), Translator.Translate("services__applications__grpc__0", "{applications.bindings.grpc.url}"));
        Assert.Equal(Setting.Plain("Kestrel__Endpoints__http__Url", "http://*:5101"), Translator.Translate("Kestrel__Endpoints__http__Url", "http://*:{applications.bindings.http.targetPort}"));
        Assert.Equal(Setting.Plain("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true"), Translator.Translate("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true"));
    }

    [Fact]
    public void An_https_endpoint_is_dropped_and_a_secret_inside_a_longer_value_is_refused()
    {
        Assert.Null(Translator.Translate("services__applications__https__0", "{applications.bindings.https.url}"));
        var refusal = Assert.Throws<NotSupportedException>(() => Translator.Translate("Mixed", "Host=x;{applicationsdb.connectionString}"));
        Assert.Contains("applicationsdb", refusal.Message);
    }
}
