using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Grants.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Grants.Data;

internal sealed class AssessmentMapping : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> assessment)
    {
        assessment.ToTable("assessments");
        assessment.HasKey(a => a.Id);
        assessment.Property(a => a.Id).HasColumnName("id");
        assessment.Property(a => a.RequestId).HasColumnName("request_id");
        assessment.Property(a => a.Assessor).HasColumnName("assessor");
        assessment.Property(a => a.AssessorCouncilCode).HasColumnName("assessor_council_code").HasMaxLength(16);
        assessment.Property(a => a.Scores).HasColumnName("scores").AsJson();
        assessment.Property(a => a.Comment).HasColumnName("comment");
        assessment.Property(a => a.ConflictOfInterest).HasColumnName("conflict_of_interest");
        assessment.Property(a => a.AssignedAt).HasColumnName("assigned_at");
        assessment.Property(a => a.ScoredAt).HasColumnName("scored_at");
        assessment.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        assessment.Ignore(a => a.Excluded);
        assessment.HasOne<GrantRequest>().WithMany().HasForeignKey(a => a.RequestId);

        // One assessment per assessor per request: assigning twice is a conflict, not a second vote.
        assessment.HasIndex(a => new { a.RequestId, a.Assessor }).IsUnique().HasDatabaseName("ux_assessments_request_assessor");
    }
}
