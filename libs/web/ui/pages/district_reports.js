// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'district-reports',
  title: 'district_reports',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'district_reports'));
  },
};
