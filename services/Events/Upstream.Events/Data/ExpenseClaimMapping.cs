using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Events.Domain;
using Upstream.Events.Domain.Expenses;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Events.Data;

internal sealed class ExpenseClaimMapping : IEntityTypeConfiguration<ExpenseClaim>
{
    public void Configure(EntityTypeBuilder<ExpenseClaim> claim)
    {
        claim.ToTable("expense_claims");
        claim.HasKey(c => c.Id);
        claim.Property(c => c.Id).HasColumnName("id");
        claim.Property(c => c.ProgrammeEventId).HasColumnName("programme_event_id");
        claim.Property(c => c.RegistrationId).HasColumnName("registration_id");
        claim.Property(c => c.PersonId).HasColumnName("person_id");
        claim.Property(c => c.CouncilCode).HasColumnName("council_code").HasMaxLength(16);
        claim.Property(c => c.State).HasColumnName("state").HasConversion<string>();
        claim.Property(c => c.Lines).HasColumnName("lines").AsJson();
        claim.Property(c => c.TotalPence).HasColumnName("total_pence");
        claim.Property(c => c.CreatedBy).HasColumnName("created_by");
        claim.Property(c => c.CreatedAt).HasColumnName("created_at");
        claim.Property(c => c.SubmittedBy).HasColumnName("submitted_by");
        claim.Property(c => c.SubmittedAt).HasColumnName("submitted_at");
        claim.Property(c => c.DecidedBy).HasColumnName("decided_by");
        claim.Property(c => c.DecidedAt).HasColumnName("decided_at");
        claim.Property(c => c.RejectionReason).HasColumnName("rejection_reason");
        claim.Property(c => c.PaymentReference).HasColumnName("payment_reference");
        claim.Property(c => c.PaidBy).HasColumnName("paid_by");
        claim.Property(c => c.PaidAt).HasColumnName("paid_at");
        claim.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        claim.HasOne<ProgrammeEvent>().WithMany().HasForeignKey(c => c.ProgrammeEventId);
        claim.HasOne<Registration>().WithMany().HasForeignKey(c => c.RegistrationId);

        // A payment reference pays one claim once: two payments racing cannot both commit.
        claim.HasIndex(c => c.PaymentReference).IsUnique().HasDatabaseName("ux_expense_claims_payment_reference");
    }
}
