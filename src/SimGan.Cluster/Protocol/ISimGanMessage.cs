namespace SimGan.Cluster.Protocol;

/// <summary>
/// Every message, event and snapshot that may leave a process. One binary serializer is bound to this interface,
/// so none of them can ever fall back to a reflection-based serializer on the wire.
/// </summary>
public interface ISimGanMessage;
