// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'district-dashboard',
  title: 'district_dashboard',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'district_dashboard'));
  },
};
