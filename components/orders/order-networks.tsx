/** The networks of a VLAN order, each by its tag and name (the order page and the review queue). */
export function OrderNetworks({ networks, label, className }: { networks: readonly { tag: number; name: string }[]; label: string; className?: string }) {
  return (
    <ul aria-label={label} className={className} data-testid="order-networks">
      {networks.map((n) => (
        <li key={`${n.tag}-${n.name}`}>
          <span className="font-mono tabular-nums">{n.tag}</span> {n.name}
        </li>
      ))}
    </ul>
  );
}
