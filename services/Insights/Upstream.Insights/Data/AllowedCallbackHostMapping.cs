using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Data;

internal sealed class AllowedCallbackHostMapping : IEntityTypeConfiguration<AllowedCallbackHost>
{
    public void Configure(EntityTypeBuilder<AllowedCallbackHost> host)
    {
        host.ToTable("allowed_callback_hosts");
        host.HasKey(h => h.Host);
        host.Property(h => h.Host).HasColumnName("host");
        host.Property(h => h.AllowedBy).HasColumnName("allowed_by");
        host.Property(h => h.AllowedAt).HasColumnName("allowed_at");
    }
}
