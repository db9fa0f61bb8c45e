using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Data;

internal sealed class PublicationMapping : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> publication)
    {
        publication.ToTable("publications");
        publication.HasKey(p => p.Id);
        publication.Property(p => p.Id).HasColumnName("id");
        publication.Property(p => p.Title).HasColumnName("title").HasMaxLength(200);
        publication.Property(p => p.Summary).HasColumnName("summary");
        publication.Property(p => p.Theme).HasColumnName("theme");
        publication.Property(p => p.Markdown).HasColumnName("markdown");
        publication.Property(p => p.Html).HasColumnName("html");
        publication.Property(p => p.State).HasColumnName("state").HasMaxLength(16)
            .HasConversion(s => PublicationStates.WireName(s), w => PublicationStates.Parse(w));
        publication.Property(p => p.Author).HasColumnName("author");
        publication.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        publication.Property(p => p.PublishedAt).HasColumnName("published_at");
        publication.Property(p => p.RetractedAt).HasColumnName("retracted_at");
        publication.Property(p => p.RetractionReason).HasColumnName("retraction_reason");
        publication.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        publication.Ignore(p => p.IsPublic);

        // The feeds page through public pieces newest change first.
        publication.HasIndex(p => p.UpdatedAt).HasDatabaseName("ix_publications_updated");
        publication.HasIndex(p => new { p.UpdatedAt, p.Id }).IsDescending(true, false).HasFilter("state = 'published' OR state = 'retracted'").HasDatabaseName("ix_publications_feed");
    }
}
