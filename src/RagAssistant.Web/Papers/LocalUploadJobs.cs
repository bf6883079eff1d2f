using RagAssistant.Core.Conversations;

namespace RagAssistant.Web.Papers;

/// <summary>The newest <see cref="JobsKept"/> jobs of everyone, in memory: one node, gone on restart.</summary>
public sealed class LocalUploadJobs : IUploadJobs
{
    private const int JobsKept = 10;

    private readonly Lock _lock = new();
    private readonly List<UploadJob> _jobs = [];

    public event Action<ConversationOwner>? Changed;

    public Task SaveAsync(UploadJob job, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _jobs.FindIndex(kept => kept.Id == job.Id);
            if (index >= 0)
            {
                _jobs[index] = job;
            }
            else
            {
                _jobs.Insert(0, job);
                if (_jobs.Count > JobsKept) _jobs.RemoveRange(JobsKept, _jobs.Count - JobsKept);
            }
        }
        Changed?.Invoke(job.Owner);
        return Task.CompletedTask;
    }

    public Task<UploadJob?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(_jobs.FirstOrDefault(job => job.Id == id));
    }

    public Task<IReadOnlyList<UploadJob>> OfAsync(ConversationOwner owner, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<UploadJob>>([.. _jobs.Where(job => job.Owner == owner)]);
    }
}
