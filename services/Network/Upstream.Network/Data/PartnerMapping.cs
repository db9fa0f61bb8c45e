using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Network.Domain;

namespace Upstream.Network.Data;

internal sealed class PartnerMapping : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> partner)
    {
        partner.ToTable("partners");
        partner.HasKey(p => p.Id);
        partner.Property(p => p.Id).HasColumnName("id");
        partner.Property(p => p.Name).HasColumnName("name");
        partner.Property(p => p.Kind).HasColumnName("kind").HasMaxLength(32);
        partner.Property(p => p.AddedAt).HasColumnName("added_at");

        // A partner is added once; the database settles two staff adding the same one.
        partner.HasIndex(p => p.Name).IsUnique().HasDatabaseName("ux_partners_name");
    }
}
