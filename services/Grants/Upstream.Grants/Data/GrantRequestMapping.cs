using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Grants.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Grants.Data;

internal sealed class GrantRequestMapping : IEntityTypeConfiguration<GrantRequest>
{
    public void Configure(EntityTypeBuilder<GrantRequest> request)
    {
        request.ToTable("grant_requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Id).HasColumnName("id");
        request.Property(r => r.FundId).HasColumnName("fund_id");
        request.Property(r => r.LeadCouncilCode).HasColumnName("lead_council_code").HasMaxLength(16);
        request.Property(r => r.PartnerCouncilCodes).HasColumnName("partner_council_codes").AsJson();
        request.Property(r => r.Title).HasColumnName("title");
        request.Property(r => r.Tests).HasColumnName("tests");
        request.Property(r => r.Purpose).HasColumnName("purpose");
        request.Property(r => r.WiderBenefit).HasColumnName("wider_benefit");
        request.Property(r => r.PlannedStart).HasColumnName("planned_start");
        request.Property(r => r.PlannedEnd).HasColumnName("planned_end");
        request.Property(r => r.AmountPence).HasColumnName("amount_pence");
        request.Property(r => r.BudgetLines).HasColumnName("budget_lines").AsJson();
        request.Property(r => r.Contact).HasColumnName("contact").AsJson();
        request.Property(r => r.State).HasColumnName("state").HasConversion<string>();
        request.Property(r => r.CreatedBy).HasColumnName("created_by");
        request.Property(r => r.CreatedAt).HasColumnName("created_at");
        request.Property(r => r.SubmittedAt).HasColumnName("submitted_at");
        request.Property(r => r.DecidedBy).HasColumnName("decided_by");
        request.Property(r => r.DecisionReason).HasColumnName("decision_reason");
        request.Property(r => r.DecidedAt).HasColumnName("decided_at");
        request.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        request.Ignore(r => r.Councils);
        request.HasOne<Fund>().WithMany().HasForeignKey(r => r.FundId);
        request.HasIndex(r => new { r.FundId, r.LeadCouncilCode }).HasDatabaseName("ix_grant_requests_fund_lead");
    }
}
