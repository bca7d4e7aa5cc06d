namespace Conversations.Persistence.Reports;

/// <summary>One rollup row as read: its bucket and its figures (laid out as <see cref="ReportFigures"/> says).</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Figures">The summed figures.</param>
public sealed record ReportRollup(ReportBucketKey Bucket, long[] Figures);
