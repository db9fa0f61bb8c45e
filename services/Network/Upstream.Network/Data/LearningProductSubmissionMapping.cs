using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Network.Domain.Workgroups;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Network.Data;

internal sealed class LearningProductSubmissionMapping : IEntityTypeConfiguration<LearningProductSubmission>
{
    public void Configure(EntityTypeBuilder<LearningProductSubmission> submission)
    {
        submission.ToTable("learning_product_submissions");
        submission.HasKey(s => s.Id);
        submission.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        submission.Property(s => s.WorkgroupId).HasColumnName("workgroup_id");
        submission.Property(s => s.Title).HasColumnName("title").HasMaxLength(LearningProductSubmission.MaximumTitleLength);
        submission.Property(s => s.Summary).HasColumnName("summary");
        submission.Property(s => s.Link).HasColumnName("link");
        submission.Property(s => s.Document).HasColumnName("document").AsJson();
        submission.Property(s => s.ContributingCouncilCodes).HasColumnName("contributing_council_codes").AsJson();
        submission.Property(s => s.SubmittedBy).HasColumnName("submitted_by");
        submission.Property(s => s.SubmittedAt).HasColumnName("submitted_at");
        submission.HasOne<Workgroup>().WithMany().HasForeignKey(s => s.WorkgroupId);
        submission.HasIndex(s => new { s.WorkgroupId, s.SubmittedAt }).HasDatabaseName("ix_learning_product_submissions_workgroup");
    }
}
