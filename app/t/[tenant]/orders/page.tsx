import { notBuiltPage } from "../not-built-page";

const { Page, generateMetadata } = notBuiltPage("orders");
export { generateMetadata };
export default Page;
