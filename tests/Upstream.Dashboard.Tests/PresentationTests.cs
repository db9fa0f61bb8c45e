using Upstream.Hosting.Dashboard.Telemetry;
using Upstream.Hosting.Dashboard.Web;

namespace Upstream.Dashboard.Tests;

/// <summary>What the operator reads: masked secrets and histogram percentiles.</summary>
public sealed class PresentationTests
{
    [Theory]
    [InlineData("ConnectionStrings__applicationsdb", "Host=h;Port=5;Username=u;Password=s3cret;Database=d", "Host=h;Port=5;Username=u;Password=••••••;Database=d")]
    [InlineData("ConnectionStrings__messaging", "amqp://upstream:s3cret@127.0.0.1:5672", "amqp://upstream:••••••@127.0.0.1:5672")]
    [InlineData("OTEL_EXPORTER_OTLP_HEADERS", "x-otlp-api-key=s3cret", "••••••")]
    [InlineData("Jwt__SigningKey", "s3cret", "••••••")]
    [InlineData("ASPNETCORE_URLS", "http://127.0.0.1:5000", "http://127.0.0.1:5000")]
    public void Secrets_in_the_environment_are_masked_and_the_rest_shown(string name, string value, string shown) =>
        Assert.Equal(shown, SecretMask.Apply(name, value));

    [Fact]
    public void Percentiles_are_read_off_the_buckets_by_interpolation()
    {
        double[] bounds = [10, 20, 50, 100];
        ulong[] counts = [50, 30, 15, 4, 1]; // 100 values

        Assert.Equal(10, MetricSeries.Percentile(bounds, counts, 0.50));
        Assert.Equal(50, MetricSeries.Percentile(bounds, counts, 0.95));
        Assert.Equal(100, MetricSeries.Percentile(bounds, counts, 0.99));
        Assert.Equal(15, MetricSeries.Percentile(bounds, counts, 0.65), 6);
    }
}
