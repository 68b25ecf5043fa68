// The AWS topology of prod, drawn from the synthesized assembly (ShopEasy-Prod-*.template.json):
// what runs, where it keeps its data and how requests and events travel. See ../topology/.
import type { Diagram } from '../diagram.js';
import { buildTopology } from '../topology/build.js';
import { topologyDot } from '../topology/dot.js';

export const diagram: Diagram = {
  name: 'aws-topology',
  title: 'ShopEasy prod: AWS topology (from the synthesized CDK assembly)',
  dot({ assembly }) {
    return topologyDot(buildTopology(assembly), this.title);
  },
};
