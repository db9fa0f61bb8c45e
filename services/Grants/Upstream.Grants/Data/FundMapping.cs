using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Grants.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Grants.Data;

internal sealed class FundMapping : IEntityTypeConfiguration<Fund>
{
    public void Configure(EntityTypeBuilder<Fund> fund)
    {
        // The constraints that keep the fund from being overspent, whatever code runs: see 0001_grants.sql.
        fund.ToTable("funds", table =>
        {
            table.HasCheckConstraint("ck_funds_committed_within_total", "committed_pence >= 0 AND committed_pence <= total_pence");
            table.HasCheckConstraint("ck_funds_paid_within_committed", "paid_pence >= 0 AND paid_pence <= committed_pence");
        });
        fund.HasKey(f => f.Id);
        fund.Property(f => f.Id).HasColumnName("id");
        fund.Property(f => f.Name).HasColumnName("name").HasMaxLength(200);
        fund.Property(f => f.TotalPence).HasColumnName("total_pence");
        fund.Property(f => f.MinimumAwardPence).HasColumnName("minimum_award_pence");
        fund.Property(f => f.MaximumAwardPence).HasColumnName("maximum_award_pence");
        fund.Property(f => f.OpensAt).HasColumnName("opens_at");
        fund.Property(f => f.ClosesAt).HasColumnName("closes_at");
        fund.Property(f => f.Purposes).HasColumnName("purposes").AsJson();
        fund.Property(f => f.CommittedPence).HasColumnName("committed_pence");
        fund.Property(f => f.PaidPence).HasColumnName("paid_pence");
        fund.Property(f => f.CreatedAt).HasColumnName("created_at");
        fund.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        fund.Ignore(f => f.RemainingPence);
        fund.Ignore(f => f.Criteria);
    }
}
