import { Document, isNode, isScalar, isSeq, visit } from "yaml";
import type { Skeleton } from "./build-skeleton.ts";

/** The skeleton as YAML: its header as leading comment lines, each comment on its node's line or above it. */
export function renderSkeleton(skeleton: Skeleton): string {
  const document = new Document(skeleton.scenario);
  // Lists of plain values (proxyAddresses) read best on one line, as scenario files write them.
  visit(document, {
    Seq: (_key, node) => {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  for (const { path, text } of skeleton.comments) {
    const node = document.getIn(path, true);
    if (!isNode(node)) continue;
    if (isScalar(node) || (isSeq(node) && node.flow))
      node.comment = node.comment ? `${node.comment}; ${text}` : ` ${text}`;
    else node.commentBefore = node.commentBefore ? `${node.commentBefore}\n ${text}` : ` ${text}`;
  }
  document.commentBefore = skeleton.header.map((line) => ` ${line}`).join("\n");
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}
