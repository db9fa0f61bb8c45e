using Upstream.Messaging;
using Microsoft.EntityFrameworkCore;
using Upstream.Applications.Domain;
using Upstream.Applications.Selection;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Applications.Data;

/// <summary>
/// The Applications service's own database. Value objects that are always read whole (criteria, quotas, the
/// initiative, contacts, history) are stored as jsonb; what is filtered or constrained on is a column.
/// </summary>
public sealed class ApplicationsDb(DbContextOptions<ApplicationsDb> options) : DbContext(options)
{
    public DbSet<Call> Calls => Set<Call>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<CohortProposal> CohortProposals => Set<CohortProposal>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Events leave in the same transaction as the change that caused them.
        modelBuilder.AddOutbox();
        modelBuilder.Entity<Call>(call =>
        {
            call.ToTable("calls");
            call.HasKey(c => c.Id);
            call.Property(c => c.Id).HasColumnName("id");
            call.Property(c => c.Title).HasColumnName("title").HasMaxLength(200);
            call.Property(c => c.Description).HasColumnName("description");
            call.Property(c => c.OpensAt).HasColumnName("opens_at");
            call.Property(c => c.ClosesAt).HasColumnName("closes_at");
            call.Property(c => c.DecisionsBy).HasColumnName("decisions_by");
            call.Property(c => c.TargetCohortSize).HasColumnName("target_cohort_size");
            call.Property(c => c.Criteria).HasColumnName("criteria").AsJson();
            call.Property(c => c.Quotas).HasColumnName("quotas").AsJson();
            call.Property(c => c.PublishedAt).HasColumnName("published_at");
            call.Property(c => c.DecidedAt).HasColumnName("decided_at");
            call.Property(c => c.CreatedAt).HasColumnName("created_at");
            call.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        });

        modelBuilder.Entity<Application>(application =>
        {
            application.ToTable("applications");
            application.HasKey(a => a.Id);
            application.Property(a => a.Id).HasColumnName("id");
            application.Property(a => a.CallId).HasColumnName("call_id");
            application.Property(a => a.LeadCouncilCode).HasColumnName("lead_council_code").HasMaxLength(16);
            application.Property(a => a.LeadCouncilName).HasColumnName("lead_council_name");
            application.Property(a => a.Region).HasColumnName("region");
            application.Property(a => a.Initiative).HasColumnName("initiative").AsJson();
            application.Property(a => a.Contacts).HasColumnName("contacts").AsJson();
            application.Property(a => a.Partners).HasColumnName("partners").AsJson();
            application.Property(a => a.State).HasColumnName("state").HasConversion<string>();
            application.Property(a => a.History).HasColumnName("history").AsJson();
            application.Property(a => a.ExtendedUntil).HasColumnName("extended_until");
            application.Property(a => a.ExtensionReason).HasColumnName("extension_reason");
            application.Property(a => a.IneligibilityReasons).HasColumnName("ineligibility_reasons").AsJson();
            application.Property(a => a.CreatedAt).HasColumnName("created_at");
            application.Property(a => a.SubmittedAt).HasColumnName("submitted_at");
            application.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
            application.HasOne<Call>().WithMany().HasForeignKey(a => a.CallId);

            // At most one live application per council per call: the database settles races between two submissions.
            application.HasIndex(a => new { a.CallId, a.LeadCouncilCode }).IsUnique().HasFilter("state <> 'Withdrawn'").HasDatabaseName("ux_applications_one_per_council");
        });

        modelBuilder.Entity<Review>(review =>
        {
            review.ToTable("reviews");
            review.HasKey(r => r.Id);
            review.Property(r => r.Id).HasColumnName("id");
            review.Property(r => r.ApplicationId).HasColumnName("application_id");
            review.Property(r => r.Reviewer).HasColumnName("reviewer");
            review.Property(r => r.Scores).HasColumnName("scores").AsJson();
            review.Property(r => r.ConflictOfInterest).HasColumnName("conflict_of_interest");
            review.Property(r => r.SubmittedAt).HasColumnName("submitted_at");
            review.HasOne<Application>().WithMany().HasForeignKey(r => r.ApplicationId);

            // One review per reviewer per application; a second attempt is a conflict, not a second vote.
            review.HasIndex(r => new { r.ApplicationId, r.Reviewer }).IsUnique();
        });

        modelBuilder.Entity<CohortProposal>(proposal =>
        {
            proposal.ToTable("cohort_proposals");
            proposal.HasKey(p => p.Id);
            proposal.Property(p => p.Id).HasColumnName("id");
            proposal.Property(p => p.CallId).HasColumnName("call_id");
            proposal.Property(p => p.ProposedBy).HasColumnName("proposed_by");
            proposal.Property(p => p.ProposedAt).HasColumnName("proposed_at");
            proposal.Property(p => p.Pins).HasColumnName("pins").AsJson();
            proposal.Property(p => p.Exclusions).HasColumnName("exclusions").AsJson();
            proposal.Property(p => p.Chosen).HasColumnName("chosen").AsJson();
            proposal.Property(p => p.TotalScoreMilli).HasColumnName("total_score_milli");
            proposal.Property(p => p.UnmetQuotas).HasColumnName("unmet_quotas").AsJson();
            proposal.Property(p => p.Explanations).HasColumnName("explanations").AsJson();
            proposal.Property(p => p.ConfirmedBy).HasColumnName("confirmed_by");
            proposal.Property(p => p.ConfirmedAt).HasColumnName("confirmed_at");
            proposal.Property(p => p.NotificationRecordedAt).HasColumnName("notification_recorded_at");
            proposal.HasOne<Call>().WithMany().HasForeignKey(p => p.CallId);
            proposal.HasIndex(p => new { p.CallId, p.ProposedAt }).HasDatabaseName("ix_cohort_proposals_call");

            // Confirmed once per call; the database settles two confirmations at the same moment.
            proposal.HasIndex(p => p.CallId).IsUnique().HasFilter("confirmed_at IS NOT NULL").HasDatabaseName("ux_cohort_proposals_one_confirmed");
        });
    }
}
