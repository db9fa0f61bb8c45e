using Microsoft.EntityFrameworkCore;
using Upstream.Messaging;

namespace Upstream.Noticeboard.Data;

/// <summary>A small model with its own migrations (Data/Migrations) and the outbox, to test the migration, schema and messaging machinery itself.</summary>
public sealed class NoticeboardDb(DbContextOptions<NoticeboardDb> options) : DbContext(options)
{
    public DbSet<Notice> Notices => Set<Notice>();

    public DbSet<NoticeReceipt> Receipts => Set<NoticeReceipt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
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
        modelBuilder.Entity<NoticeReceipt>(receipt =>
        {
            receipt.ToTable("notice_receipts");
            receipt.HasKey(r => r.NoticeId);
            receipt.Property(r => r.NoticeId).HasColumnName("notice_id");
            receipt.Property(r => r.Receipts).HasColumnName("receipts");
        });
        modelBuilder.AddOutbox();
    }
}

/// <summary>Counted by a consumer of NoticePosted; anything but 1 means a lost or doubly applied event.</summary>
public sealed class NoticeReceipt
{
    public Guid NoticeId { get; set; }

    public int Receipts { get; set; }
}

public sealed class Notice
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    public DateTimeOffset PostedAt { get; set; }

    public required string Slug { get; set; }
}
