// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'district-agreements',
  title: 'district_agreements',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'district_agreements'));
  },
};
