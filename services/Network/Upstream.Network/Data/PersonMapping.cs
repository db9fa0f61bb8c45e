using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Network.Domain;

namespace Upstream.Network.Data;

internal sealed class PersonMapping : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("people");
        person.HasKey(p => p.Id);
        person.Property(p => p.Id).HasColumnName("id");
        person.Property(p => p.MemberId).HasColumnName("member_id");
        person.Property(p => p.CouncilCode).HasColumnName("council_code").HasMaxLength(16);
        person.Property(p => p.Name).HasColumnName("name");
        person.Property(p => p.Role).HasColumnName("role");
        person.Property(p => p.Email).HasColumnName("email");
        person.Property(p => p.DirectoryConsent).HasColumnName("directory_consent");
        person.Property(p => p.AddedAt).HasColumnName("added_at");
        person.Property(p => p.Position).HasColumnName("position");
        person.Property(p => p.ErasedAt).HasColumnName("erased_at");
        person.Ignore(p => p.IsErased);
        person.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId);

        // One record per work email in a council (the same address added twice is a conflict, not a second person);
        // erased records have no email left to clash.
        person.HasIndex(p => new { p.MemberId, p.Email }).IsUnique().HasFilter("erased_at IS NULL").HasDatabaseName("ux_people_member_email");
    }
}
