using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Grants.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Grants.Data;

internal sealed class GrantMapping : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> grant)
    {
        grant.ToTable("grants", table => table.HasCheckConstraint("ck_grants_paid_within_award", "paid_pence >= 0 AND paid_pence <= awarded_pence"));
        grant.HasKey(g => g.Id);
        grant.Property(g => g.Id).HasColumnName("id");
        grant.Property(g => g.RequestId).HasColumnName("request_id");
        grant.Property(g => g.FundId).HasColumnName("fund_id");
        grant.Property(g => g.LeadCouncilCode).HasColumnName("lead_council_code").HasMaxLength(16);
        grant.Property(g => g.PartnerCouncilCodes).HasColumnName("partner_council_codes").AsJson();
        grant.Property(g => g.Title).HasColumnName("title");
        grant.Property(g => g.Description).HasColumnName("description");
        grant.Property(g => g.PlannedStart).HasColumnName("planned_start");
        grant.Property(g => g.PlannedEnd).HasColumnName("planned_end");
        grant.Property(g => g.AwardedPence).HasColumnName("awarded_pence");
        grant.Property(g => g.PaidPence).HasColumnName("paid_pence");
        grant.Property(g => g.Conditions).HasColumnName("conditions").AsJson();
        grant.Property(g => g.Tranches).HasColumnName("tranches").AsJson();
        grant.Property(g => g.Reports).HasColumnName("reports").AsJson();
        grant.Property(g => g.AwardedBy).HasColumnName("awarded_by");
        grant.Property(g => g.AwardedAt).HasColumnName("awarded_at");
        grant.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        grant.Ignore(g => g.Councils);
        grant.HasOne<Fund>().WithMany().HasForeignKey(g => g.FundId);
        grant.HasOne<GrantRequest>().WithOne().HasForeignKey<Grant>(g => g.RequestId);

        // One grant per request: two awards of the same request cannot both commit.
        grant.HasIndex(g => g.RequestId).IsUnique().HasDatabaseName("ux_grants_request");
        grant.HasIndex(g => g.FundId).HasDatabaseName("ix_grants_fund");
    }
}
