using System.Threading.Channels;

namespace SafeCity.Governance.Performance;

/// <summary>
/// Tells whoever is watching (partner systems' streams) that governance learnt of a new figure for an
/// indicator. Each watcher has its own bounded queue; a watcher too slow to keep up loses the oldest
/// notices, never holds up the event consumers.
/// </summary>
public sealed class IndicatorUpdates
{
    private readonly Lock _gate = new();
    private readonly List<Channel<(string Theme, string IndicatorId)>> _watchers = [];

    public void Changed(string theme, string indicatorId)
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite((theme, indicatorId));
            }
        }
    }

    public Subscription Watch()
    {
        var channel = Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _watchers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    public sealed class Subscription(IndicatorUpdates owner, Channel<(string Theme, string IndicatorId)> channel) : IDisposable
    {
        public ChannelReader<(string Theme, string IndicatorId)> Reader => channel.Reader;

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._watchers.Remove(channel);
            }

            channel.Writer.TryComplete();
        }
    }
}
