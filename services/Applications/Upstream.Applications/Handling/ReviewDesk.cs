using Microsoft.EntityFrameworkCore;
using Npgsql;
using Upstream.Applications.Data;
using Upstream.Applications.Domain;
using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Refusals;

namespace Upstream.Applications.Handling;

/// <summary>Reviewing: scoring or declaring a conflict, blind reading, and each application's standing.</summary>
public sealed class ReviewDesk(ApplicationsDb db, TimeProvider clock)
{
    public Task<Review> ScoreAsync(Caller reviewer, Guid applicationId, IReadOnlyDictionary<string, int> scores, CancellationToken cancellationToken) =>
        AddAsync(reviewer, applicationId, (call, application, now) => Review.Score(call, application, reviewer.Subject, scores, now), cancellationToken);

    public Task<Review> DeclareConflictAsync(Caller reviewer, Guid applicationId, string conflict, CancellationToken cancellationToken) =>
        AddAsync(reviewer, applicationId, (_, application, now) => Review.DeclareConflict(application, reviewer.Subject, conflict, now), cancellationToken);

    /// <summary>Reviewers are staff; each reads blind until they have reviewed. Programme leads read with `allReviews`.</summary>
    public async Task<IReadOnlyList<Review>> ReviewsAsync(Caller reader, Guid applicationId, bool allReviews, CancellationToken cancellationToken)
    {
        reader.RequireStaff("read reviews");
        var reviews = await db.Reviews.Where(r => r.ApplicationId == applicationId).OrderBy(r => r.SubmittedAt).ToListAsync(cancellationToken);
        return ReviewRules.VisibleTo(reader.Subject, reviews, allReviews);
    }

    /// <summary>Every reviewed application of a call with its standing (conflicted reviews excluded).</summary>
    public async Task<IReadOnlyDictionary<Guid, Standing>> StandingsAsync(Guid callId, CancellationToken cancellationToken)
    {
        var call = await db.Calls.SingleAsync(c => c.Id == callId, cancellationToken);
        var reviews = await db.Reviews
            .Join(db.Applications.Where(a => a.CallId == callId), r => r.ApplicationId, a => a.Id, (r, _) => r)
            .ToListAsync(cancellationToken);
        return reviews.GroupBy(r => r.ApplicationId).ToDictionary(g => g.Key, g => Standing.Of(call, g));
    }

    private async Task<Review> AddAsync(Caller reviewer, Guid applicationId, Func<Call, Application, DateTimeOffset, Review> create, CancellationToken cancellationToken)
    {
        reviewer.RequireStaff("review applications");
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException($"No application {applicationId}.");
        var call = await db.Calls.SingleAsync(c => c.Id == application.CallId, cancellationToken);
        var now = clock.GetUtcNow();
        var review = create(call, application, now);
        db.Reviews.Add(review);
        application.BeginReview(reviewer.Subject, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("You have already reviewed this application.");
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The application was changed meanwhile; try again.");
        }

        return review;
    }
}
