using Microsoft.EntityFrameworkCore;

namespace Upstream.Noticeboard.Data;

/// <summary>A small model with its own migrations (Data/Migrations), to test the migration and schema machinery itself.</summary>
public sealed class NoticeboardDb(DbContextOptions<NoticeboardDb> options) : DbContext(options)
{
    public DbSet<Notice> Notices => Set<Notice>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Notice>(notice =>
        {
            notice.ToTable("notices");
            notice.HasKey(n => n.Id);
            notice.Property(n => n.Id).HasColumnName("id");
            notice.Property(n => n.Title).HasColumnName("title").HasMaxLength(200);
            notice.Property(n => n.Body).HasColumnName("body");
            notice.Property(n => n.PostedAt).HasColumnName("posted_at");
            notice.Property(n => n.Slug).HasColumnName("slug");
            notice.HasIndex(n => n.Slug).IsUnique();
        });
}

public sealed class Notice
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    public DateTimeOffset PostedAt { get; set; }

    public required string Slug { get; set; }
}
