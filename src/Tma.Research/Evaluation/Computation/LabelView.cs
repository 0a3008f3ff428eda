using System.Collections;
using System.Numerics;

namespace Tma.Research.Evaluation.Computation;

/// <summary>
/// Presents compact per-row ids as the per-row label list the statistics take (bands, subgroups), without allocating a
/// string per row.
/// </summary>
internal sealed class LabelView<T>(T[] ids, int count, IReadOnlyList<string> labels) : IReadOnlyList<string>
    where T : unmanaged, IBinaryInteger<T>
{
    public int Count => count;

    public string this[int index] => (uint)index < (uint)count
        ? labels[int.CreateTruncating(ids[index])]
        : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
