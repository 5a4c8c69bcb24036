// The handlers examples/partners.json may name, by name: the registry the demo gives to
// watch(). The manifest decides which routes exist; the code for each stays here.
const partners = new Map([
  ['acme', { id: 'acme', name: 'Acme Rail', since: 2019 }],
  ['globex', { id: 'globex', name: 'Globex Freight', since: 2021 }],
]);

export const partnerHandlers = {
  listPartners: (_req, res) => res.json([...partners.values()]),
  showPartner: (req, res) => {
    const partner = partners.get(req.params.id);
    if (!partner) return res.status(404).json({ error: `no partner ${req.params.id}` });
    res.json(partner);
  },
  partnerSince: (req, res) => {
    const partner = partners.get(req.params.id);
    if (!partner) return res.status(404).json({ error: `no partner ${req.params.id}` });
    res.json({ id: partner.id, since: partner.since });
  },
  createPartner: [
    (req, res, next) => (req.body && typeof req.body.id === 'string' ? next() : res.status(400).json({ error: 'id required' })),
    (req, res) => {
      partners.set(req.body.id, { id: req.body.id, name: String(req.body.name ?? req.body.id), since: new Date().getFullYear() });
      res.status(201).json(partners.get(req.body.id));
    },
  ],
};
