package dev.tailboard.jobs;

/**
 * This node's name, when it is one node of a cluster: the registry names it as the node of every job of its
 * own folder. There is no such bean on a single node, and jobs then have no node.
 */
public interface LocalNode {
    String name();
}
