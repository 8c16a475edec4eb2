import '@xyflow/react/dist/style.css';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type IsValidConnection,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeTypes, type NodeType } from '../../contract';
import { useDesignerStore } from './designer-store';
import { FlowNodeView } from './FlowNodeView';
import { canConnect, type DesignerEdge, type DesignerNode } from './graph';
import { gridSize } from './layout';
import { baseNodeHeight, baseNodeWidth as nodeWidth, nodeWidthFor } from './flow-meta';
import { nodeVisuals } from './node-visuals';
import { boundsOf, fitMaxZoom, initialViewport } from './viewport';

/** The drag-and-drop type of palette items. */
export const paletteMime = 'application/x-mindframe-node';

const nodeViews: NodeTypes = Object.fromEntries(nodeTypes.map((type) => [type, FlowNodeView]));
const snapGrid: [number, number] = [gridSize, gridSize];
/** The "fit view" button: the whole flow, however small (the first view keeps titles readable). */
const fitViewOptions = { padding: 0.15, maxZoom: fitMaxZoom, includeHiddenNodes: true };
const proOptions = { hideAttribution: true };
const minimapColor = (node: DesignerNode) => nodeVisuals[node.type as NodeType]?.color ?? '#94a3b8';
const defaultEdgeOptions = { type: 'smoothstep' };
const minimapStyle = { width: 160, height: 110 };
/** Canvas width below which the minimap would cover the steps. */
const minimapRoom = 600;

export function FlowCanvas({ readOnly, label }: { readOnly: boolean; label: string }) {
  const { t } = useTranslation();
  const nodes = useDesignerStore((state) => state.nodes);
  const edges = useDesignerStore((state) => state.edges);
  const onNodesChange = useDesignerStore((state) => state.onNodesChange);
  const onEdgesChange = useDesignerStore((state) => state.onEdgesChange);
  const connect = useDesignerStore((state) => state.connect);
  const beginDrag = useDesignerStore((state) => state.beginDrag);
  const endDrag = useDesignerStore((state) => state.endDrag);
  const addNode = useDesignerStore((state) => state.addNode);
  const focus = useDesignerStore((state) => state.focus);
  const { screenToFlowPosition, fitView, setViewport } = useReactFlow<DesignerNode, DesignerEdge>();
  useFirstView(setViewport);

  useEffect(() => {
    if (!focus) return;
    void fitView({
      nodes: [{ id: focus.nodeId }],
      duration: 300,
      maxZoom: 1.1,
      padding: 0.6,
      includeHiddenNodes: true,
    });
    // put the keyboard on the node so Delete, arrows and copy act on it
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(focus.nodeId)}"]`)?.focus({
        preventScroll: true,
      }),
    );
  }, [focus, fitView]);

  const onConnect = useCallback((connection: Connection) => void connect(connection), [connect]);
  const isValidConnection = useCallback<IsValidConnection<DesignerEdge>>((connection) => {
    const state = useDesignerStore.getState();
    return canConnect(state.nodes, state.edges, connection);
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(paletteMime)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(paletteMime) as NodeType;
      if (!(nodeTypes as readonly string[]).includes(type)) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const snap = (value: number) => Math.round(value / gridSize) * gridSize;
      addNode(type, { x: snap(point.x - nodeWidth / 2), y: snap(point.y - 24) });
    },
    [screenToFlowPosition, addNode],
  );

  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': t('designer.canvas.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('designer.canvas.nodeHelp'),
      'node.a11yDescription.ariaLiveMessage': ({
        direction,
        x,
        y,
      }: {
        direction: string;
        x: number;
        y: number;
      }) => t('designer.canvas.moved', { direction, x, y }),
      'edge.a11yDescription.default': t('designer.canvas.edgeHelp'),
      'controls.ariaLabel': t('designer.canvas.controls'),
      'controls.zoomIn.ariaLabel': t('designer.canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('designer.canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('designer.canvas.fitView'),
      'controls.interactive.ariaLabel': t('designer.canvas.interactive'),
      'minimap.ariaLabel': t('designer.canvas.minimap'),
      'handle.ariaLabel': t('designer.canvas.handle'),
    }),
    [t],
  );

  return (
    <div className="h-full w-full" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<DesignerNode, DesignerEdge>
        aria-label={label}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeViews}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStart={beginDrag}
        onSelectionDragStart={beginDrag}
        onNodeDragStop={endDrag}
        onSelectionDragStop={endDrag}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        onlyRenderVisibleElements
        snapToGrid
        snapGrid={snapGrid}
        minZoom={0.1}
        maxZoom={2}
        defaultEdgeOptions={defaultEdgeOptions}
        proOptions={proOptions}
        ariaLabelConfig={ariaLabelConfig}
      >
        <Background variant={BackgroundVariant.Dots} gap={gridSize} size={1.2} color="#cbd5e1" />
        <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
        <OverviewMap />
      </ReactFlow>
    </div>
  );
}

/**
 * Once the canvas has a size: the first view of the flow (viewport.ts), from where the steps are and
 * how large they are drawn, so it does not wait for steps off screen to be measured.
 */
function useFirstView(setViewport: ReturnType<typeof useReactFlow>['setViewport']): void {
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const done = useRef(false);
  useEffect(() => {
    if (done.current || width === 0 || height === 0) return;
    done.current = true;
    const bounds = boundsOf(
      useDesignerStore.getState().nodes.map((node) => ({
        ...node.position,
        width: node.measured?.width ?? nodeWidthFor(node.data.spec),
        height: node.measured?.height ?? baseNodeHeight,
      })),
    );
    if (bounds) void setViewport(initialViewport(bounds, width, height));
  }, [width, height, setViewport]);
}

/** The minimap, where the canvas has room for it beside the steps (not on a narrow canvas it would cover). */
function OverviewMap() {
  const width = useStore((state) => state.width);
  if (width < minimapRoom) return null;
  return (
    <MiniMap<DesignerNode>
      pannable
      zoomable
      nodeColor={minimapColor}
      nodeStrokeWidth={3}
      style={minimapStyle}
    />
  );
}
